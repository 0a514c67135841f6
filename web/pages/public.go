package pages

import "github.com/sporbar/sporbar/internal/domain"

// PublicView is the organisation's public page for citizens (server/public.go): the vision,
// the policies with their målsætninger and goals, and each strategy's tracks with the
// initiatives marked public. It holds no person's name.
type PublicView struct {
	Org        domain.Organisation
	Policies   []PublicPolicy
	Strategies []PublicStrategy
}

// PublicPolicy is a policy with its objectives.
type PublicPolicy struct {
	Title      string
	Objectives []PublicObjective
}

// PublicObjective is an objective with its goals.
type PublicObjective struct {
	Title string
	Goals []string
}

// PublicStrategy is a strategy with its tracks.
type PublicStrategy struct {
	Title  string
	Tracks []PublicTrack
}

// PublicTrack is a track with its public initiatives.
type PublicTrack struct {
	ID          int64
	Label       string // the organisation's word for a track, its number and title
	Initiatives []PublicInitiative
}

// PublicInitiative is an initiative marked public with its public comments, newest first.
type PublicInitiative struct {
	domain.PublicInitiative
	Comments []domain.PublicComment
}
