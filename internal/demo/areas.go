package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// area is an område, its agreement with the fagchef (if it has one) and the general
// initiatives it works on locally.
type area struct {
	unit      domain.Unit
	agreement int64
	generals  []domain.InitiativeRow
	author    domain.User // who writes the område's local initiatives, handleplaner and status
}

// areas are the organisation's områder (and specialområder) in order, each with two general
// initiatives picked from those its agreement holds (or the strategy's, without one).
func (w *writer) areas(ctx context.Context) ([]area, error) {
	units, err := w.st.ListUnitsByOrganisation(ctx, w.org.ID)
	if err != nil {
		return nil, err
	}
	agreements, err := w.st.ListAgreementsByOrganisation(ctx, w.org.ID)
	if err != nil {
		return nil, err
	}
	all, err := w.st.ListInitiatives(ctx, store.InitiativeFilter{StrategyID: w.strategy, Kind: domain.InitiativeGeneral})
	if err != nil {
		return nil, err
	}
	var out []area
	for _, u := range units {
		if u.Kind != domain.UnitOmraade && u.Kind != domain.UnitSpecialomraade {
			continue
		}
		a := area{unit: u, generals: all, author: w.fagchef}
		if w.leader != nil && w.leader.UnitID != nil && *w.leader.UnitID == u.ID {
			a.author = *w.leader
		}
		for _, ag := range agreements {
			if ag.Kind == domain.AgreementOmraade && ag.LowerUnitID == u.ID {
				a.agreement = ag.ID
				held, err := w.st.ListInitiatives(ctx, store.InitiativeFilter{AgreementID: ag.ID, Kind: domain.InitiativeGeneral})
				if err != nil {
					return nil, err
				}
				if len(held) > 0 {
					a.generals = held
				}
			}
		}
		if len(a.generals) == 0 {
			continue
		}
		w.rng.Shuffle(len(a.generals), func(i, j int) { a.generals[i], a.generals[j] = a.generals[j], a.generals[i] })
		a.generals = a.generals[:min(2, len(a.generals))]
		out = append(out, a)
	}
	return out, nil
}

// area writes område number i's local initiatives and handleplaner with their history, and
// returns the handleplaner's ids. The område's number decides how its year went (see course).
func (w *writer) area(ctx context.Context, i int, a area) ([]int64, error) {
	var plans []int64
	for j, g := range a.generals {
		t := rotate(localTitles(w.org.Kind), 2*i+j)
		local, err := w.st.AddLocalInitiative(ctx, a.author.ID, domain.Initiative{TrackID: g.TrackID, ParentID: &g.ID,
			UnitID: &a.unit.ID, Title: t, Description: "Områdets lokale udmøntning af den generelle indsats. " + Mark,
			Responsible: a.unit.LeaderTitle})
		if err != nil {
			return nil, fmt.Errorf("local initiative: %w", err)
		}
		if err := w.history(ctx, a.author, domain.StatusUpdate{InitiativeID: &local}, i, j); err != nil {
			return nil, err
		}
		titles := []string{rotate(planTitles(w.org.Kind), 3*i+j)}
		if j == 0 && a.author.ID != w.fagchef.ID {
			titles = append([]string{weekendTeams}, titles...)
		}
		for k, title := range titles {
			id, err := w.plan(ctx, a, local, title, i, j+k)
			if err != nil {
				return nil, err
			}
			plans = append(plans, id)
		}
	}
	return plans, w.dialogue(ctx, a, plans)
}

// weekendTeams is the handleplan the search journey (internal/e2e) looks for.
const weekendTeams = "Weekendteams: en fast indsats med de samme medarbejdere hver weekend"

// plan writes handleplan number k of område i under local, with its history; område 4's
// first handleplan is past its deadline.
func (w *writer) plan(ctx context.Context, a area, local int64, title string, i, k int) (int64, error) {
	start := w.quarters[0].AddDate(0, -2, 0)
	deadline := w.today.AddDate(0, 6+k*3, 0)
	if i%5 == 4 && k == 0 {
		deadline = w.today.AddDate(0, 0, -20)
	}
	id, err := w.st.AddActionPlan(ctx, a.author.ID, domain.ActionPlan{InitiativeID: local, Title: title,
		Description: "Handleplanen beskriver mål, aktiviteter og ansvar for det kommende år. " + Mark,
		Responsible: a.unit.LeaderTitle, StartDate: &start, Deadline: &deadline}, nil)
	if err != nil {
		return 0, fmt.Errorf("handleplan %q: %w", title, err)
	}
	return id, w.history(ctx, a.author, domain.StatusUpdate{ActionPlanID: &id}, i, k+1)
}

// rotate is the n'th of options, round and round, so that neighbours differ.
func rotate(options []string, n int) string { return options[n%len(options)] }

// dialogue writes a short exchange between the fagchef and the område on its first
// handleplan and, where there is one, on its agreement.
func (w *writer) dialogue(ctx context.Context, a area, plans []int64) error {
	at := []domain.Comment{
		{ActionPlanID: &plans[0], AuthorID: w.fagchef.ID, Body: "Hvordan går det med at få medarbejderne med? " + Mark},
		{ActionPlanID: &plans[0], AuthorID: a.author.ID, Body: "Godt i gang; vi følger op på næste personalemøde. " + Mark},
	}
	if a.agreement != 0 {
		at = append(at, domain.Comment{AgreementID: &a.agreement, AuthorID: w.fagchef.ID,
			Body: "Tak for en god dialog om årets prioriteringer. " + Mark})
	}
	for _, c := range at {
		if _, err := w.st.AddComment(ctx, c); err != nil {
			return fmt.Errorf("comment: %w", err)
		}
	}
	return nil
}

// history posts the item's status for each quarter as område i's course has it (item j of it).
func (w *writer) history(ctx context.Context, author domain.User, su domain.StatusUpdate, i, j int) error {
	for q, asOf := range w.quarters {
		s, ok := course(i, j, q, len(w.quarters))
		if !ok {
			continue
		}
		s.InitiativeID, s.ActionPlanID, s.AuthorID, s.AsOf = su.InitiativeID, su.ActionPlanID, author.ID, asOf
		s.Progress = int16(min(100, 10+q*20+w.rng.IntN(10)))
		if _, err := w.st.PostStatusUpdate(ctx, s); err != nil {
			return fmt.Errorf("status %s: %w", asOf.Format(time.DateOnly), err)
		}
	}
	return nil
}

// course is how område i's item j stood in quarter q of n (n-1 is the current one): område 0
// on track throughout, 1 falling behind, 2 kritisk at the end, 3 not yet reported this
// quarter, 4 on track but with an overdue handleplan (see plan).
func course(i, j, q, n int) (domain.StatusUpdate, bool) {
	s := domain.StatusUpdate{Phase: domain.PhaseImplementing, Health: domain.HealthOnTrack,
		Comment: "Planen følges. " + Mark}
	if q == 0 {
		s.Phase, s.Comment = domain.PhasePreparing, "Forberedelsen er i gang. "+Mark
	}
	late := q >= n-2
	switch i % 5 {
	case 1:
		if late {
			s.Health, s.Comment = domain.HealthChallenged, "Travlt i sommerperioden; vi er bagud med oplæringen. "+Mark
		}
	case 2:
		if q == n-1 && j <= 1 {
			s.Health, s.Comment = domain.HealthCritical, "Flere vakancer betyder, at aktiviteterne står stille. "+Mark
		} else if late {
			s.Health = domain.HealthChallenged
		}
	case 3:
		if q == n-1 {
			return s, false
		}
	}
	return s, true
}
