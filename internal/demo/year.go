package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// approvals approves the first område's agreement and then adds a handleplan to it, so it
// reads "ændret efter godkendelse", and approves the second as it stands.
func (w *writer) approvals(ctx context.Context, areas []area) error {
	var with []area
	for _, a := range areas {
		if a.agreement != 0 {
			with = append(with, a)
		}
	}
	if len(with) < 2 {
		return nil
	}
	first := with[0]
	if w.leader != nil {
		for _, a := range with {
			if a.author.ID == w.leader.ID {
				first = a
			}
		}
	}
	if err := w.st.ApproveAgreement(ctx, w.fagchef.ID, first.agreement); err != nil {
		return fmt.Errorf("approve: %w", err)
	}
	locals, err := w.st.ListInitiatives(ctx, store.InitiativeFilter{UnitID: first.unit.ID, Kind: domain.InitiativeLocal})
	if err != nil || len(locals) == 0 {
		return err
	}
	if _, err := w.plan(ctx, first, locals[0].ID, "Opfølgning på sygefravær efter sommerferien", 0, 1); err != nil {
		return err
	}
	second := with[0]
	if second.agreement == first.agreement {
		second = with[1]
	}
	return w.st.ApproveAgreement(ctx, w.fagchef.ID, second.agreement)
}

// indicator gives handleplan plan an indicator measured every quarter of the year.
func (w *writer) indicator(ctx context.Context, plan int64) error {
	if plan == 0 {
		return nil
	}
	baseline := w.quarters[0].AddDate(0, -3, 0)
	id, err := w.st.AddIndicator(ctx, w.fagchef.ID, domain.Indicator{ActionPlanID: &plan,
		Name: "Andel borgere, der møder faste medarbejdere", Definition: "Stikprøve hvert kvartal. " + Mark,
		Unit: "%", Direction: domain.DirectionHigher, BaselineValue: 40, BaselineDate: baseline,
		TargetValue: 80, TargetDate: time.Date(w.today.Year()+1, 12, 31, 0, 0, 0, 0, time.UTC),
		Frequency: domain.FrequencyQuarterly})
	if err != nil {
		return fmt.Errorf("indicator: %w", err)
	}
	for q, asOf := range w.quarters[:len(w.quarters)-1] {
		m := domain.Measurement{IndicatorID: id, AsOf: asOf, Value: float64(42 + 6*q + w.rng.IntN(4)), Comment: Mark}
		if err := w.st.SaveMeasurement(ctx, w.fagchef.ID, m, 0); err != nil {
			return fmt.Errorf("measurement: %w", err)
		}
	}
	return nil
}

// annualPlans adopts the strategy's 2016 indsatsplan and starts 2017 from it, where the
// strategy has a 2016 plan (the region's) and no 2017 one yet.
func (w *writer) annualPlans(ctx context.Context) error {
	plans, err := w.st.ListAnnualPlansByStrategy(ctx, w.strategy)
	if err != nil {
		return err
	}
	var p2016 *domain.AnnualPlanRow
	for i, p := range plans {
		switch p.Year {
		case 2016:
			p2016 = &plans[i]
		case 2017:
			return nil
		}
	}
	if p2016 == nil {
		return nil
	}
	if p2016.AdoptedOn == nil {
		if _, err := w.st.AdoptAnnualPlan(ctx, w.fagchef.ID, p2016.ID, p2016.Version,
			time.Date(2016, 1, 28, 0, 0, 0, 0, time.UTC)); err != nil {
			return fmt.Errorf("adopt 2016: %w", err)
		}
	}
	title := strings.Replace(p2016.Title, "2016", "2017", 1)
	if _, _, err := w.st.CreateAnnualPlanFrom(ctx, w.fagchef.ID, w.strategy, 2017, title, &p2016.ID); err != nil {
		return fmt.Errorf("indsatsplan 2017: %w", err)
	}
	return nil
}

// localTitles are plausible local initiatives for the organisation's kind.
func localTitles(kind string) []string {
	if kind == "region" {
		return []string{"Fælles faglig praksis på tværs af tilbuddene", "Borgerens egen plan i centrum",
			"Systematisk brug af data i den daglige ledelse", "Styrket overgang til eget hjem"}
	}
	return []string{"Hverdagsrehabilitering i hele området", "Faste teams omkring borgeren",
		"Sundhedsfaglig sparring på tværs af teams", "Pårørende som aktive samarbejdspartnere"}
}

// planTitles are plausible handleplaner for the organisation's kind.
func planTitles(kind string) []string {
	if kind == "region" {
		return []string{"Temadage om recovery for alle medarbejdere", "Fælles dokumentationspraksis",
			"Netværk for nøglepersoner", "Kvartalsvise data-dialogmøder"}
	}
	return []string{"Oplæring af nøglepersoner i rehabilitering", "Ugentlige tavlemøder i teamene",
		"Ny introduktion for nyansatte", "Fast tid til sparring med sygeplejersken"}
}
