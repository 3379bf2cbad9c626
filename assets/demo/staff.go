package demo

import "github.com/myrenault/showroom"

// The dealer of interest's team: who registers customers at handover and
// at the service desk, and who runs the devices.
const (
	salesManagers   = 5
	serviceAdvisors = 3
)

// buildStaff makes the team of the dealer of interest. IDs are the dealer's
// code and a number, 006122-01; the last sales manager has left (inactive)
// but still appears on older sales.
func (g *Generator) buildStaff() {
	r := newRnd()
	code := g.dealers[g.interest].Code
	add := func(k int, role showroom.Role) string {
		r.reset(g.seed, streamStaff, uint64(k))
		p := g.t.name(r, 0.45)
		for p.latin {
			p = g.t.name(r, 0.45)
		}
		id := code + "-" + string(rune('0'+k/10)) + string(rune('0'+k%10))
		g.staff = append(g.staff, showroom.StaffUser{ID: id, DealerCode: code, Name: p.first + " " + p.last,
			Role: role, Active: true})
		return id
	}
	k := 1
	for range salesManagers {
		g.salesStaff = append(g.salesStaff, add(k, showroom.RoleSales))
		k++
	}
	g.staff[len(g.staff)-1].Active = false
	for range serviceAdvisors {
		g.serviceStaff = append(g.serviceStaff, add(k, showroom.RoleService))
		k++
	}
	add(k, showroom.RoleAdmin)
}
