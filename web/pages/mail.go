package pages

import (
	"strconv"

	"github.com/sporbar/sporbar/internal/domain"
	c "github.com/sporbar/sporbar/web/components"
)

func itoa(n int) string { return strconv.Itoa(n) }

// mailStateClass gives a mail's state badge its dkfds colour; the text always says the state.
func mailStateClass(state string) string {
	switch state {
	case domain.MailSent:
		return "badge-success"
	case domain.MailFailed:
		return "badge-error"
	}
	return "badge-info"
}

// mailFrequencyOptions are the choices of how often, first "the organisation's default" (named).
func mailFrequencyOptions(def string) []c.Option {
	return append([]c.Option{{Value: "", Label: "Organisationens standard (" + domain.MailFrequencyLabel(def) + ")"}},
		plainFrequencyOptions()...)
}

// plainFrequencyOptions are the choices of how often, without a default.
func plainFrequencyOptions() []c.Option {
	opts := make([]c.Option, 0, 4)
	for _, f := range domain.MailFrequencies() {
		opts = append(opts, c.Option{Value: f, Label: domain.MailFrequencyLabel(f)})
	}
	return opts
}

// defaultOr is the organisation's default of kind, else the built-in one.
func defaultOr(freq, kind string) string {
	if freq == "" {
		return domain.DefaultFrequency(kind)
	}
	return freq
}
