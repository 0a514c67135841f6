package importer

import (
	"context"
	"errors"
	"fmt"

	"github.com/sporbar/sporbar/internal/domain"
	"github.com/sporbar/sporbar/internal/store"
)

// Change is one thing an import does to an organisation's hierarchy, as its preview lists it.
type Change struct {
	Action string                   // domain.AuditCreate, AuditUpdate or AuditArchive
	Level  string                   // the level in Danish, with the organisation's labels: "Politik", "Tema", …
	Title  string                   // the item's title or name
	Fields map[string]domain.Change // what an update changes, by field
}

// ErrNoActor is returned when Apply would change or archive stored items without a person to
// write in the history (only the seed loader, which creates, applies without one).
var ErrNoActor = errors.New("import: changing stored items needs an actor")

// Apply makes the organisation's current hierarchy what doc says, inside tx's transaction (the
// caller commits, or rolls back for a preview). It creates the items doc has and the
// organisation has not, changes those whose fields differ, and archives the current ones doc
// leaves out; each with its history row (none when actorID is nil). It returns what it did, in
// order.
//
// A document item is the current item its ID names at the same place (under the same parent),
// else the current item at that place with the same natural key: a unit's name (anywhere in the
// tree), a ladder step's position, a term's name, a strategy's or policy's title, a track's or
// objective's number, a general initiative's number, a local initiative's unit and title, an
// action plan's code (or title, without one), a goal's title. An item whose ID names an item at
// another place is new, and that item is archived. Numbers are taken as doc gives them; the
// order of the rows gives the positions. Agreements and yearly plans are not touched; a goal's
// links to tracks of strategies other than its policy's are kept.
func Apply(ctx context.Context, tx *store.Store, orgID int64, actorID *int64, doc Document) ([]Change, error) {
	a, err := apply(ctx, tx, orgID, actorID, doc)
	if err != nil {
		return nil, err
	}
	if len(a.changes) > 0 { // the history rows mark it too, but the seed loader writes none
		if err := tx.MarkChanged(ctx, orgID); err != nil {
			return nil, err
		}
	}
	return a.changes, nil
}

// applier carries an Apply: the stored hierarchy it started from, what it has kept of it and
// the ids of the items by the document's references.
type applier struct {
	ctx        context.Context
	tx         *store.Store
	actor      *int64
	cur        store.Hierarchy
	doc        Document
	changes    []Change
	kept       map[store.Level]map[int64]bool // current items the document has (the rest are archived)
	claimed    map[store.Level]map[int64]bool // ids the document names
	units      map[string]int64               // unit name → id
	strategies []loadedStrategy               // parallel to doc.Strategies
}

func apply(ctx context.Context, tx *store.Store, orgID int64, actorID *int64, doc Document) (*applier, error) {
	if err := doc.Validate(); err != nil {
		return nil, err
	}
	cur, err := tx.LoadHierarchy(ctx, orgID)
	if err != nil {
		return nil, err
	}
	a := &applier{ctx: ctx, tx: tx, actor: actorID, cur: cur, doc: doc, units: map[string]int64{},
		kept: map[store.Level]map[int64]bool{}, claimed: claimedIDs(doc)}
	steps := []func() error{a.organisation, func() error { return a.applyUnits(doc.Units, nil) }, a.ladder, a.terms,
		a.applyStrategies, a.applyPolicies, a.archiveRest}
	if err := a.deferConstraints(); err != nil {
		return nil, err
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return a, nil
}

func (a *applier) deferConstraints() error {
	return a.tx.InTx(a.ctx, func(tx *store.Store) error { return tx.DeferConstraints(a.ctx) })
}

// note records a change; an update with no changed fields is no change.
func (a *applier) note(action, level, title string, fields map[string]domain.Change) {
	if action == domain.AuditUpdate && len(fields) == 0 {
		return
	}
	a.changes = append(a.changes, Change{Action: action, Level: level, Title: title, Fields: fields})
}

// keep marks a current item as one the document has.
func (a *applier) keep(lv store.Level, id int64) {
	if a.kept[lv] == nil {
		a.kept[lv] = map[int64]bool{}
	}
	a.kept[lv][id] = true
}

// needActor is ErrNoActor when there is nobody to write in the history of a stored item.
func (a *applier) needActor() (int64, error) {
	if a.actor == nil {
		return 0, ErrNoActor
	}
	return *a.actor, nil
}

// version returns the stored version of an item about to be changed (a change earlier in the
// import, such as a renumbering, may have moved it on).
func (a *applier) version(lv store.Level, id int64) (int32, error) {
	return a.tx.CurrentVersion(a.ctx, lv, id)
}

// find returns the index of the current item a document item is (see Apply), or -1: among
// items, the one with id at place, else the first at place with key that is not kept and that
// the document does not name by its id.
func find[T any](a *applier, lv store.Level, items []T, id int64, place, key string,
	idOf func(T) int64, placeOf, keyOf func(T) string) int {
	if id != 0 {
		for i, it := range items {
			if idOf(it) == id && placeOf(it) == place && !a.kept[lv][id] {
				return i
			}
		}
	}
	for i, it := range items {
		iid := idOf(it)
		if placeOf(it) == place && keyOf(it) == key && !a.kept[lv][iid] && !a.claimed[lv][iid] {
			return i
		}
	}
	return -1
}

func (a *applier) organisation() error {
	o := a.doc.Organisation
	next := a.cur.Organisation
	next.Name, next.Kind, next.Vision, next.VisionDescription = o.Name, o.Kind, o.Vision, o.VisionDescription
	next.Labels = o.Labels.withDefaults()
	changes := domain.Diff(store.OrganisationValues(a.cur.Organisation), store.OrganisationValues(next))
	if len(changes) == 0 {
		return nil
	}
	actor, err := a.needActor()
	if err != nil {
		return err
	}
	if _, err := a.tx.UpdateOrganisation(a.ctx, actor, next); err != nil {
		return err
	}
	a.cur.Organisation = next
	a.note(domain.AuditUpdate, "Organisation", next.Name, changes)
	return nil
}

// withDefaults are the labels with the default for each one left empty.
func (l Labels) withDefaults() domain.Labels {
	labels := domain.DefaultLabels()
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&labels.LabelTrack, l.Track)
	set(&labels.LabelTracks, l.Tracks)
	set(&labels.LabelGeneral, l.General)
	set(&labels.LabelGenerals, l.Generals)
	set(&labels.LabelLocal, l.Local)
	set(&labels.LabelLocals, l.Locals)
	set(&labels.LabelActionPlan, l.ActionPlan)
	set(&labels.LabelActionPlans, l.ActionPlans)
	return labels
}

// positions puts the group's items in the document's order when a kept item's position differs.
func (a *applier) positions(lv store.Level, ids []int64, stored map[int64]int32) error {
	for i, id := range ids {
		if p, ok := stored[id]; ok && p != int32(i) {
			return a.tx.SetPositions(a.ctx, a.actor, lv, ids)
		}
	}
	return nil
}

// wrapf names the item an error happened at.
func wrapf(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}
