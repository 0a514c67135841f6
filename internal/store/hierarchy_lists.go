package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

// Hierarchy is an organisation's current hierarchy: every current item whose parents are all
// current, each level in the order the pages show it. It is what the administration pages list,
// what the spreadsheet export writes and what an import is compared with.
type Hierarchy struct {
	Organisation domain.Organisation
	Units        []domain.Unit // by position within their parent (the tree is built by ParentID)
	Ladder       []domain.LadderStep
	Terms        []domain.Term
	Strategies   []domain.Strategy
	Tracks       []domain.Track      // by strategy, then number
	Initiatives  []domain.Initiative // by strategy and track; general ones by number, then the local ones
	ActionPlans  []domain.ActionPlan // by initiative, then position
	Policies     []domain.Policy
	Objectives   []domain.Objective // by policy, then number
	Goals        []domain.Goal      // by objective, then position
	GoalTracks   []GoalTrackLink    // links between current goals and current tracks
}

// GoalTrackLink links a goal to a track that realises it.
type GoalTrackLink struct {
	GoalID, TrackID int64
}

// LoadHierarchy returns the organisation's current hierarchy in a fixed number of queries (12).
func (s *Store) LoadHierarchy(ctx context.Context, orgID int64) (Hierarchy, error) {
	h := Hierarchy{}
	var err error
	if h.Organisation, err = s.GetOrganisation(ctx, orgID); err != nil {
		return h, err
	}
	steps := []func() error{
		func() (err error) {
			h.Units, err = list[domain.Unit](ctx, s.db, "hierarchy units", `
				WITH RECURSIVE cur AS (
					SELECT id FROM units WHERE organisation_id = $1 AND parent_id IS NULL AND archived_at IS NULL
					UNION ALL
					SELECT u.id FROM units u JOIN cur ON u.parent_id = cur.id WHERE u.archived_at IS NULL)
				SELECT `+unitColumns+` FROM units u JOIN cur ON cur.id = u.id ORDER BY u.position, u.id`, orgID)
			return err
		},
		func() (err error) {
			h.Ladder, err = s.ListLadderSteps(ctx, orgID)
			return err
		},
		func() (err error) {
			h.Terms, err = s.ListTermsByOrganisation(ctx, orgID)
			return err
		},
		func() (err error) {
			h.Strategies, err = s.ListStrategiesByOrganisation(ctx, orgID)
			return err
		},
		func() (err error) {
			h.Tracks, err = list[domain.Track](ctx, s.db, "hierarchy tracks", `SELECT `+trackColumns+`
				FROM tracks t JOIN strategies s ON s.id = t.strategy_id
				WHERE s.organisation_id = $1 AND s.archived_at IS NULL AND t.archived_at IS NULL
				ORDER BY s.position, s.id, t.number, t.id`, orgID)
			return err
		},
		func() (err error) {
			h.Initiatives, err = list[domain.Initiative](ctx, s.db, "hierarchy initiatives", `SELECT `+initiativeColumns+`
				FROM initiatives i JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id
				LEFT JOIN initiatives p ON p.id = i.parent_id LEFT JOIN units u ON u.id = i.unit_id
				WHERE s.organisation_id = $1 AND s.archived_at IS NULL AND t.archived_at IS NULL AND i.archived_at IS NULL
				  AND (i.kind = 'general' OR (p.archived_at IS NULL AND u.archived_at IS NULL))
				ORDER BY s.position, s.id, t.number, i.kind = 'local', i.number, u.position, i.id`, orgID)
			return err
		},
		func() (err error) {
			h.ActionPlans, err = list[domain.ActionPlan](ctx, s.db, "hierarchy action plans", `SELECT `+actionPlanColumns+`
				FROM action_plans a JOIN initiatives i ON i.id = a.initiative_id
				JOIN tracks t ON t.id = i.track_id JOIN strategies s ON s.id = t.strategy_id
				WHERE s.organisation_id = $1 AND a.archived_at IS NULL
				ORDER BY a.initiative_id, a.position, a.id`, orgID)
			return err
		},
		func() (err error) {
			h.Policies, err = s.ListPoliciesByOrganisation(ctx, orgID)
			return err
		},
		func() (err error) {
			h.Objectives, err = list[domain.Objective](ctx, s.db, "hierarchy objectives", `SELECT `+objectiveColumns+`
				FROM objectives o JOIN policies p ON p.id = o.policy_id
				WHERE p.organisation_id = $1 AND p.archived_at IS NULL AND o.archived_at IS NULL
				ORDER BY p.position, p.id, o.number, o.id`, orgID)
			return err
		},
		func() (err error) {
			h.Goals, err = list[domain.Goal](ctx, s.db, "hierarchy goals", `SELECT `+goalColumns+`
				FROM goals g JOIN objectives o ON o.id = g.objective_id JOIN policies p ON p.id = o.policy_id
				WHERE p.organisation_id = $1 AND g.archived_at IS NULL
				ORDER BY g.objective_id, g.position, g.id`, orgID)
			return err
		},
		func() (err error) {
			h.GoalTracks, err = list[GoalTrackLink](ctx, s.db, "hierarchy goal tracks", `SELECT gt.goal_id, gt.track_id
				FROM goal_tracks gt JOIN goals g ON g.id = gt.goal_id JOIN tracks t ON t.id = gt.track_id
				JOIN strategies s ON s.id = t.strategy_id
				WHERE s.organisation_id = $1 AND g.archived_at IS NULL AND t.archived_at IS NULL
				ORDER BY gt.goal_id, s.position, t.number`, orgID)
			return err
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return h, err
		}
	}
	h.keepUnderCurrent()
	return h, nil
}

// keepUnderCurrent leaves out the action plans, goals and links whose parents the queries
// above left out (an archived objective's goals, an archived initiative's plans).
func (h *Hierarchy) keepUnderCurrent() {
	initiatives, objectives, goals, tracks := map[int64]bool{}, map[int64]bool{}, map[int64]bool{}, map[int64]bool{}
	for _, in := range h.Initiatives {
		initiatives[in.ID] = true
	}
	for _, o := range h.Objectives {
		objectives[o.ID] = true
	}
	for _, t := range h.Tracks {
		tracks[t.ID] = true
	}
	plans := h.ActionPlans[:0]
	for _, a := range h.ActionPlans {
		if initiatives[a.InitiativeID] {
			plans = append(plans, a)
		}
	}
	h.ActionPlans = plans
	gs := h.Goals[:0]
	for _, g := range h.Goals {
		if objectives[g.ObjectiveID] {
			gs = append(gs, g)
			goals[g.ID] = true
		}
	}
	h.Goals = gs
	links := h.GoalTracks[:0]
	for _, l := range h.GoalTracks {
		if goals[l.GoalID] && tracks[l.TrackID] {
			links = append(links, l)
		}
	}
	h.GoalTracks = links
}

// ListTracksByOrganisation returns the organisation's current tracks with their strategies, by
// strategy and number (for the goal form's checkboxes).
func (s *Store) ListTracksByOrganisation(ctx context.Context, orgID int64) ([]domain.TrackRef, error) {
	return list[domain.TrackRef](ctx, s.db, "list tracks by organisation", `
		SELECT t.id, t.number, t.title, t.strategy_id, s.title AS strategy_title
		FROM tracks t JOIN strategies s ON s.id = t.strategy_id
		WHERE s.organisation_id = $1 AND s.archived_at IS NULL AND t.archived_at IS NULL
		ORDER BY s.position, s.id, t.number`, orgID)
}

// GetLadderStep returns the step of Indsatstrappen with id.
func (s *Store) GetLadderStep(ctx context.Context, id int64) (domain.LadderStep, error) {
	return getOne[domain.LadderStep](ctx, s.db, "get ladder step", `SELECT `+ladderColumns+` FROM ladder_steps WHERE id = $1`, id)
}
