package showroom

import "time"

// Role of a staff member.
type Role string

// Roles.
const (
	RoleSales   Role = "sales"
	RoleService Role = "service"
	RoleAdmin   Role = "admin"
)

// StaffUser is a dealer employee who signs in to the staff window with a PIN.
// PINHash is a slow hash; the PIN itself is never stored.
type StaffUser struct {
	ID             string    `json:"id"`
	DealerCode     string    `json:"dealer_code"`
	Name           string    `json:"name"`
	Role           Role      `json:"role"`
	PINHash        string    `json:"-"`
	FailedAttempts int       `json:"-"`
	LockedUntil    time.Time `json:"-"`
	Active         bool      `json:"active"`
}
