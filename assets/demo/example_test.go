package demo_test

import (
	"fmt"

	"github.com/myrenault/showroom/assets/demo"
)

// The app's demo: the dealer directory, then the customers one at a time.
func Example() {
	g := demo.New(1, demo.DefaultSizes())
	fmt.Println(len(g.Dealers()), "dealers; dealer of interest:", g.Dealer().Code, g.Dealer().Name)
	for c := range g.Cabinets() {
		fmt.Println(c.Customer.Personal.LastName, c.Customer.Personal.FirstName, c.Garage[0].VIN, c.Garage[0].Model)
		break
	}
	for _, r := range g.Recalls() {
		if r.Campaign == "0BCF" {
			fmt.Println(r.Campaign, r.Date.Format("2006-01-02"), r.VINs[0])
		}
	}
	// Output:
	// 160 dealers; dealer of interest: 006122 Автомир-Екатеринбург
	// Игнатьева Полина VF1LZBR0542606589 Fluence
	// 0BCF 2012-01-31 VF1LZBR0542606589
}
