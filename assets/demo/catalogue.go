package demo

import (
	"slices"

	showroom "github.com/myrenault/showroom"
)

// Models returns the model catalogue: every model of the range with its
// bodies, engines, gearboxes and trims from the version table, whether it
// is still built, and its price, maintenance interval, warranty and
// colours from models.csv.
func (g *Generator) Models() []showroom.ModelInfo {
	t := loadTables()
	byName := map[string]*showroom.ModelInfo{}
	var order []string
	add := func(list []string, v ...string) []string {
		for _, s := range v {
			if !slices.Contains(list, s) {
				list = append(list, s)
			}
		}
		return list
	}
	for _, v := range t.versions {
		m := byName[v.model]
		if m == nil {
			m = &showroom.ModelInfo{Name: v.model, WarrantyMonths: 36, WarrantyKm: 100_000}
			byName[v.model] = m
			order = append(order, v.model)
		}
		m.Bodies = add(m.Bodies, v.bodies...)
		m.Gearbox = add(m.Gearbox, v.gearboxes...)
		if v.to == 0 {
			// The configuration offers what is built now.
			m.OnSale = true
			m.Engines = add(m.Engines, v.label)
			m.Trims = add(m.Trims, v.trims...)
		}
	}
	for _, f := range rows("models.csv", 5) {
		m := byName[f[0]]
		if m == nil {
			panic("demo: models.csv names a model versions.csv lacks: " + f[0])
		}
		m.PriceRUB, m.ServiceKm, m.ServiceMonths = integer(f[1]), integer(f[2]), integer(f[3])
		m.Colours = list(f[4])
		if m.PriceRUB == 0 {
			m.OnSale = false
		}
	}
	out := make([]showroom.ModelInfo, 0, len(order))
	for _, name := range order {
		out = append(out, *byName[name])
	}
	return out
}

// ServicePrograms returns the four programmes of «Мой сервис».
func (g *Generator) ServicePrograms() []showroom.ServiceProgram {
	return []showroom.ServiceProgram{
		{ID: "maintenance", Kind: showroom.ProgramMaintenance, Title: "Программа обслуживания",
			Description: "Регулярное техническое обслуживание по регламенту Renault у официального дилера: сохраняет гарантию и ресурс автомобиля. Мы напомним о каждом ТО."},
		{ID: "complex-service", Kind: showroom.ProgramFixedPrice, Title: "«Комплекс-сервис»", MinAgeMonths: 36,
			Description: "Фиксированные цены на самые частые работы для автомобилей старше трёх лет — цены без сюрприза."},
		{ID: "renault-extra", Kind: showroom.ProgramExtended, Title: "Продлённая гарантия Renault Extra",
			MaxAgeMonths: 30, MaxMileage: 100_000, Years: 5,
			Description: "Продление заводской гарантии до 5 лет. Оформляется для автомобилей возрастом до 30 месяцев и с пробегом до 100 000 км."},
		{ID: "renault-assistance", Kind: showroom.ProgramAssistance, Title: "Renault Assistance", MaxAgeMonths: 36,
			Description: "Помощь на дорогах 24 часа в сутки, 365 дней в году, по всей России — в течение заводской гарантии."},
	}
}
