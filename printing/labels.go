package printing

import (
	"strings"
	"time"

	"github.com/myrenault/showroom"
)

// Hotline is the programme's free support line, printed on every document.
const Hotline = "8-800-200-80-80"

// labels are the fixed texts of the documents in one language.
type labels struct {
	welcomeTitle, couponTitle  string
	hello                      string // takes the customer's name
	welcomeIntro               string
	yourCar, model, version    string
	vin                        string
	login, loginHint           string
	howTo                      []string
	scan                       string
	benefitsTitle              string
	benefits                   []string
	dealerTitle, phone         string
	support, hotline           string
	supportNote                string
	couponFor, car, valid      string
	validRange                 string // takes two dates
	conditions, code, codeHint string
	cut                        string
	date                       func(time.Time) string
}

var ru = labels{
	welcomeTitle: "Добро пожаловать",
	couponTitle:  "Персональное предложение",
	hello:        "Здравствуйте, %s!",
	welcomeIntro: "Поздравляем с покупкой Вашего Renault! Ваш личный кабинет My Renault уже готов: " +
		"в нём всё о Вашем автомобиле, сервисе и предложениях, подобранных для Вас.",
	yourCar:   "Ваш автомобиль",
	model:     "Модель",
	version:   "Версия",
	vin:       "VIN",
	login:     "Ваш логин (номер клиента)",
	loginHint: "Пароль для первого входа — VIN Вашего автомобиля.",
	howTo: []string{
		"Откройте сайт My Renault или отсканируйте QR-код на этом листе.",
		"Выберите «У меня есть логин и пароль».",
		"Введите логин — номер клиента, и пароль — VIN Вашего автомобиля.",
		"Проверьте свои данные и добавьте автомобиль в «Мой виртуальный гараж».",
	},
	scan:          "Отсканируйте QR-код телефоном, чтобы сразу активировать кабинет.",
	benefitsTitle: "Что даёт My Renault",
	benefits: []string{
		"Индивидуальные подарки и эксклюзивные предложения.",
		"Оповещение в реальном времени об очередном ТО и онлайн-календарь.",
		"Рекомендации по техническому обслуживанию Вашего Renault.",
		"Специальные предложения и скидки на аксессуары и сервисные услуги.",
		"Поиск ближайшего дилера и актуальные новости из мира Renault.",
	},
	dealerTitle: "Ваш дилер",
	phone:       "Тел.",
	support:     "Поддержка My Renault",
	hotline:     "Горячая линия " + Hotline + " (бесплатно)",
	supportNote: "Вопросы о регистрации — Вашему дилеру или на горячую линию.",
	couponFor:   "Для",
	car:         "Автомобиль",
	valid:       "Срок действия",
	validRange:  "с %s по %s",
	conditions:  "Условия",
	code:        "Код купона",
	codeHint:    "Предъявите купон в сервисе дилера. Купон действует один раз и только для этого автомобиля.",
	cut:         "линия отреза",
	date:        func(t time.Time) string { return t.Format("02.01.2006") },
}

var en = labels{
	welcomeTitle: "Welcome",
	couponTitle:  "Personal offer",
	hello:        "Hello, %s!",
	welcomeIntro: "Congratulations on your new Renault! Your My Renault personal cabinet is ready: " +
		"everything about your car, its service and the offers picked for you.",
	yourCar:   "Your car",
	model:     "Model",
	version:   "Version",
	vin:       "VIN",
	login:     "Your login (customer ID)",
	loginHint: "The password for your first sign-in is your car's VIN.",
	howTo: []string{
		"Open the My Renault website or scan the QR code on this sheet.",
		"Choose “I have a login and password”.",
		"Enter the login (your customer ID) and the password (your car's VIN).",
		"Check your details and add the car to “My virtual garage”.",
	},
	scan:          "Scan the QR code with your phone to activate your cabinet at once.",
	benefitsTitle: "What My Renault gives you",
	benefits: []string{
		"Personal gifts and exclusive offers.",
		"Real-time reminders of your next service and an online calendar.",
		"Maintenance recommendations for your Renault.",
		"Special offers and discounts on accessories and services.",
		"The nearest dealer at a glance and the latest Renault news.",
	},
	dealerTitle: "Your dealer",
	phone:       "Phone",
	support:     "My Renault support",
	hotline:     "Hotline " + Hotline + " (free of charge)",
	supportNote: "Questions about signing up: ask your dealer or call the hotline.",
	couponFor:   "For",
	car:         "Car",
	valid:       "Valid",
	validRange:  "from %s to %s",
	conditions:  "Conditions",
	code:        "Coupon code",
	codeHint:    "Show this coupon at the dealer's service desk. It can be used once, for this car only.",
	cut:         "cut here",
	date:        func(t time.Time) string { return t.Format("2 Jan 2006") },
}

// labelsFor returns the texts of lang; any language but Russian gets English.
func labelsFor(lang showroom.Lang) *labels {
	if lang == showroom.Russian {
		return &ru
	}
	return &en
}

// MaskVIN shows only the last 6 characters of a VIN, which identify the car
// to its owner without printing the whole VIN on a coupon.
func MaskVIN(vin string) string {
	if len(vin) <= 6 {
		return vin
	}
	return strings.Repeat("•", len(vin)-6) + vin[len(vin)-6:]
}
