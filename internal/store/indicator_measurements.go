package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sporbar/sporbar/internal/domain"
)

// Measurements of an indicator. A date has one current value; a new value for a date replaces
// it, and the old value is kept in indicator_measurement_changes and in the history row.

// ListMeasurements returns the indicator's measurements by date, oldest first, with the names of
// those who entered the current values. One query.
func (s *Store) ListMeasurements(ctx context.Context, indicatorID int64) ([]domain.Measurement, error) {
	return list[domain.Measurement](ctx, s.db, "list measurements", `
		SELECT m.id, m.indicator_id, m.as_of, m.value::float8 AS value, m.comment, m.author_id, u.name AS author_name,
		       m.created_at, m.updated_at, m.version
		FROM indicator_measurements m JOIN users u ON u.id = m.author_id
		WHERE m.indicator_id = $1 ORDER BY m.as_of`, indicatorID)
}

// ListMeasurementChanges returns the indicator's corrected measurements, newest correction first.
func (s *Store) ListMeasurementChanges(ctx context.Context, indicatorID int64) ([]domain.MeasurementChange, error) {
	return list[domain.MeasurementChange](ctx, s.db, "list measurement changes", `
		SELECT c.as_of, c.old_value::float8 AS old_value, c.old_comment, c.new_value::float8 AS new_value, c.new_comment,
		       u.name AS changed_by_name, c.changed_at
		FROM indicator_measurement_changes c JOIN users u ON u.id = c.changed_by
		WHERE c.indicator_id = $1 ORDER BY c.changed_at DESC, c.id DESC`, indicatorID)
}

// MeasurementState fingerprints an indicator's measurements (each date with its version), so that
// an import confirmed after its preview can tell whether anything changed in between.
func MeasurementState(ms []domain.Measurement) string {
	h := sha256.New()
	for _, m := range ms {
		fmt.Fprintf(h, "%s:%d;", m.AsOf.Format(time.DateOnly), m.Version)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// SaveMeasurement records m (IndicatorID, AsOf, Value, Comment) by actorID. replace is the
// version of the measurement for the date that the person saw and means to replace, 0 when they
// saw none: if the stored state differs (someone else entered or corrected a value meanwhile),
// nothing changes and the error is ErrConflict. An archived indicator is ErrNotFound.
func (s *Store) SaveMeasurement(ctx context.Context, actorID int64, m domain.Measurement, replace int32) error {
	return s.InTx(ctx, func(tx *Store) error {
		ind, err := tx.lockIndicator(ctx, m.IndicatorID)
		if err != nil {
			return err
		}
		if ind.ArchivedAt != nil {
			return fmt.Errorf("save measurement: %w", ErrNotFound)
		}
		var stored int32
		err = tx.db.QueryRow(ctx, `SELECT version FROM indicator_measurements WHERE indicator_id = $1 AND as_of = $2`,
			m.IndicatorID, m.AsOf).Scan(&stored)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return wrap("save measurement", err)
		}
		if stored != replace {
			return fmt.Errorf("save measurement: %w", ErrConflict)
		}
		return tx.writeMeasurements(ctx, actorID, ind, []domain.Measurement{m})
	})
}

// ImportMeasurements records every row (IndicatorID is taken from indicatorID), all or nothing,
// if the indicator's measurements are still in the state the person previewed (see
// MeasurementState); else nothing changes and the error is ErrConflict. The dates must differ.
// It returns how many values were new and how many replaced another.
func (s *Store) ImportMeasurements(ctx context.Context, actorID, indicatorID int64, rows []domain.Measurement,
	state string) (added, replaced int, err error) {
	err = s.InTx(ctx, func(tx *Store) error {
		ind, err := tx.lockIndicator(ctx, indicatorID)
		if err != nil {
			return err
		}
		if ind.ArchivedAt != nil {
			return fmt.Errorf("import measurements: %w", ErrNotFound)
		}
		current, err := tx.ListMeasurements(ctx, indicatorID)
		if err != nil {
			return err
		}
		if MeasurementState(current) != state {
			return fmt.Errorf("import measurements: %w", ErrConflict)
		}
		existing := map[time.Time]bool{}
		for _, m := range current {
			existing[m.AsOf] = true
		}
		for _, r := range rows {
			if existing[r.AsOf] {
				replaced++
			} else {
				added++
			}
		}
		return tx.writeMeasurements(ctx, actorID, ind, rows)
	})
	return added, replaced, err
}

// writeMeasurements inserts or replaces the rows' values (a row equal to the stored one changes
// nothing), keeps each replaced value in indicator_measurement_changes and writes one history row
// with every change, as "Måling åååå-mm-dd": old → new. Four statements, however many rows.
func (s *Store) writeMeasurements(ctx context.Context, actorID int64, ind domain.Indicator, rows []domain.Measurement) error {
	dates := make([]time.Time, len(rows))
	values := make([]float64, len(rows))
	comments := make([]string, len(rows))
	for i, r := range rows {
		dates[i], values[i], comments[i] = r.AsOf, r.Value, r.Comment
	}
	type change struct {
		AsOf               time.Time
		OldValue, NewValue *float64
	}
	// The changes first: the old values as they are before the upsert.
	changes, err := list[change](ctx, s.db, "measurement changes", `
		WITH new AS (SELECT * FROM unnest($2::date[], $3::numeric[], $4::text[]) AS n(as_of, value, comment)),
		kept AS (
			INSERT INTO indicator_measurement_changes (measurement_id, indicator_id, as_of, old_value, old_comment,
				new_value, new_comment, changed_by)
			SELECT m.id, m.indicator_id, m.as_of, m.value, m.comment, new.value, new.comment, $5
			FROM indicator_measurements m JOIN new ON new.as_of = m.as_of
			WHERE m.indicator_id = $1 AND (m.value, m.comment) IS DISTINCT FROM (new.value, new.comment))
		SELECT new.as_of, m.value::float8 AS old_value, new.value::float8 AS new_value
		FROM new LEFT JOIN indicator_measurements m ON m.indicator_id = $1 AND m.as_of = new.as_of
		WHERE (m.value, m.comment) IS DISTINCT FROM (new.value, new.comment)
		ORDER BY new.as_of`, ind.ID, dates, values, comments, actorID)
	if err != nil {
		return err
	}
	if len(changes) == 0 {
		return nil
	}
	if _, err := s.db.Exec(ctx, `
		INSERT INTO indicator_measurements AS m (indicator_id, as_of, value, comment, author_id)
		SELECT $1, n.as_of, n.value, n.comment, $5 FROM unnest($2::date[], $3::numeric[], $4::text[]) AS n(as_of, value, comment)
		ON CONFLICT (indicator_id, as_of) DO UPDATE SET value = excluded.value, comment = excluded.comment,
			author_id = excluded.author_id, updated_at = now(), version = m.version + 1
		WHERE (m.value, m.comment) IS DISTINCT FROM (excluded.value, excluded.comment)`,
		ind.ID, dates, values, comments, actorID); err != nil {
		return wrap("write measurements", err)
	}
	audit := make(map[string]domain.Change, len(changes))
	for _, c := range changes {
		ch := domain.Change{New: ind.WithUnit(*c.NewValue)}
		if c.OldValue != nil {
			ch.Old = ind.WithUnit(*c.OldValue)
		}
		audit["Måling "+c.AsOf.Format(time.DateOnly)] = ch
	}
	item, err := s.indicatorItem(ctx, ind)
	if err != nil {
		return err
	}
	return s.indicatorAudit(ctx, item, actorID, domain.AuditUpdate, ind.ID, ind.Name, audit, false)
}
