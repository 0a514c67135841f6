package server

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/a-h/templ"
	"github.com/go-chi/chi/v5"

	"github.com/sporbar/sporbar/internal/auth"
	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
	c "github.com/sporbar/sporbar/web/components"
	"github.com/sporbar/sporbar/web/pages"
)

// publicMaxAge is how long a browser or proxy may keep the public page: a citizen rush is
// answered from the kept page anyway (pageCache), so this only spares the network.
const publicMaxAge = "public, max-age=60"

// publicPage is the organisation's public page for citizens (GET /offentlig/{org}), open to
// everyone without signing in: the vision, the policies with their målsætninger and goals,
// each strategy's tracks and the initiatives marked public with their status and their
// comments marked public, never a person's name. An organisation whose admin has not switched
// the page on answers as a missing one (404). The page is kept rendered for the organisation's
// data version (pageCache, as the samlet skema), so a rush costs one query a request: the
// organisation. Built, it costs five: the organisation, the goal chain, the tracks, the public
// initiatives and their public comments.
func (s *Server) publicPage(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Cache-Control", "no-store") // until the page is there: a 404 is never kept
	org, err := s.store.GetOrganisationBySlug(r.Context(), chi.URLParam(r, "org"))
	if err != nil {
		return err
	}
	if !org.PublicPage || org.ArchivedAt != nil {
		return fmt.Errorf("public page of %s: %w", org.Slug, store.ErrNotFound)
	}
	key, day := "offentlig|"+itoa64(org.ID), s.today()
	html, ok := s.skemas.get(org.ID, key, org.DataVersion, day)
	if !ok {
		v, err := s.publicView(r, org)
		if err != nil {
			return err
		}
		if html, err = renderString(r.Context(), pages.Public(v)); err != nil {
			return err
		}
		s.skemas.put(org.ID, key, org.DataVersion, day, html)
	}
	w.Header().Set("Cache-Control", publicMaxAge)
	return s.render(w, r, http.StatusOK, templ.Raw(html))
}

// publicView reads what the public page shows of org.
func (s *Server) publicView(r *http.Request, org domain.Organisation) (pages.PublicView, error) {
	ctx := r.Context()
	v := pages.PublicView{Org: org}
	goals, err := s.store.ListGoalChain(ctx, store.GoalChainFilter{OrganisationID: org.ID})
	if err != nil {
		return v, err
	}
	tracks, err := s.store.ListReportTracks(ctx, org.ID)
	if err != nil {
		return v, err
	}
	initiatives, err := s.store.ListPublicInitiatives(ctx, org.ID)
	if err != nil {
		return v, err
	}
	comments, err := s.store.ListPublicComments(ctx, org.ID)
	if err != nil {
		return v, err
	}
	v.Policies = publicPolicies(goals)
	v.Strategies = publicStrategies(org, tracks, initiatives, comments)
	return v, nil
}

// publicPolicies groups the goal chain by policy and objective, in its order.
func publicPolicies(goals []domain.GoalRow) []pages.PublicPolicy {
	var out []pages.PublicPolicy
	var lastPolicy, lastObjective int64
	for _, g := range goals {
		if len(out) == 0 || g.PolicyID != lastPolicy {
			out = append(out, pages.PublicPolicy{Title: g.PolicyTitle})
			lastPolicy, lastObjective = g.PolicyID, 0
		}
		p := &out[len(out)-1]
		if g.ObjectiveID == 0 {
			continue
		}
		if g.ObjectiveID != lastObjective {
			title := g.ObjectiveTitle
			if g.Numbered {
				title = strconv.Itoa(int(g.ObjectiveNumber)) + ". " + title
			}
			p.Objectives = append(p.Objectives, pages.PublicObjective{Title: title})
			lastObjective = g.ObjectiveID
		}
		if g.GoalID != 0 {
			o := &p.Objectives[len(p.Objectives)-1]
			o.Goals = append(o.Goals, g.GoalTitle)
		}
	}
	return out
}

// publicStrategies groups the public initiatives under their strategies and tracks, each with
// its public comments.
func publicStrategies(org domain.Organisation, tracks []store.ReportTrack, initiatives []domain.PublicInitiative,
	comments []domain.PublicComment) []pages.PublicStrategy {
	byInitiative := map[int64][]domain.PublicComment{}
	for _, cm := range comments {
		byInitiative[cm.InitiativeID] = append(byInitiative[cm.InitiativeID], cm)
	}
	byTrack := map[int64][]pages.PublicInitiative{}
	for _, in := range initiatives {
		byTrack[in.TrackID] = append(byTrack[in.TrackID], pages.PublicInitiative{PublicInitiative: in, Comments: byInitiative[in.ID]})
	}
	var out []pages.PublicStrategy
	var last int64
	for _, t := range tracks {
		if len(out) == 0 || t.StrategyID != last {
			out = append(out, pages.PublicStrategy{Title: t.StrategyTitle})
			last = t.StrategyID
		}
		if t.TrackID == 0 {
			continue
		}
		st := &out[len(out)-1]
		st.Tracks = append(st.Tracks, pages.PublicTrack{ID: t.TrackID, Initiatives: byTrack[t.TrackID],
			Label: org.LabelTrack + " " + strconv.Itoa(int(t.TrackNumber)) + ": " + t.TrackTitle})
	}
	return out
}

// publishInitiative shows an initiative on the public page or takes it off (POST
// /indsatser/{id}/offentlig, offentlig=ja|nej), for an admin or the fagchef of its fagområde
// (auth.Publish). The change is in the initiative's history.
func (s *Server) publishInitiative(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	_, res, err := s.readableInitiative(r, id)
	if err != nil {
		return err
	}
	if err := s.authorize(r, auth.Publish, res); err != nil {
		return err
	}
	public, err := publicChoice(r)
	if err != nil {
		return err
	}
	if err := s.store.SetInitiativePublic(r.Context(), currentUser(r).ID, id, public); err != nil {
		return err
	}
	return s.publishedAnswer(w, r, string(c.InitiativeURL(id)), "Indsatsen", public)
}

// publishComment shows a comment on an initiative on the public page or takes it off (POST
// /kommentarer/{id}/offentlig, offentlig=ja|nej), for its author or the fagchef of the
// fagområde and admins (auth.MayPublishComment). A comment elsewhere is the 404 page.
func (s *Server) publishComment(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "id")
	if err != nil {
		return err
	}
	cm, err := s.store.GetComment(r.Context(), id)
	if err != nil {
		return err
	}
	if cm.InitiativeID == nil {
		return fmt.Errorf("publish comment %d: %w", id, store.ErrNotFound)
	}
	in, res, err := s.readableInitiative(r, *cm.InitiativeID)
	if err != nil {
		return err
	}
	if !auth.MayPublishComment(currentUser(r), cm.AuthorID, res) {
		return errForbidden
	}
	public, err := publicChoice(r)
	if err != nil {
		return err
	}
	if err := s.store.SetCommentPublic(r.Context(), currentUser(r).ID, cm, public); err != nil {
		return err
	}
	return s.publishedAnswer(w, r, string(c.InitiativeURL(in.ID))+"#dialog", "Kommentaren", public)
}

// readableInitiative loads initiative id, checks that the signed-in person may read it (another
// organisation's is the 404 page) and returns it with its resource for auth.Can.
func (s *Server) readableInitiative(r *http.Request, id int64) (domain.InitiativeDetail, auth.Resource, error) {
	in, err := s.store.GetInitiativeDetail(r.Context(), id)
	if err != nil {
		return in, auth.Resource{}, err
	}
	if _, err := s.readableOrg(r, in.OrganisationID); err != nil {
		return in, auth.Resource{}, err
	}
	res, err := s.itemResource(r, in.OrganisationID, in.ScopeUnitID)
	return in, res, err
}

// publicChoice reads the buttons' field offentlig: "ja" or "nej".
func publicChoice(r *http.Request) (bool, error) {
	switch r.PostForm.Get("offentlig") {
	case "ja":
		return true, nil
	case "nej":
		return false, nil
	}
	return false, badRequest("Vælg, om det skal vises på den offentlige side.")
}

// publishedAnswer redirects to the page to with a flash saying whether what ("Indsatsen") is
// now shown on the public page.
func (s *Server) publishedAnswer(w http.ResponseWriter, r *http.Request, to, what string, public bool) error {
	if public {
		return s.redirectWithFlash(w, r, to, what+" vises nu på den offentlige side.")
	}
	return s.redirectWithFlash(w, r, to, what+" vises ikke længere på den offentlige side.")
}
