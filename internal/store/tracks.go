package store

import (
	"context"

	"github.com/sporbar/sporbar/internal/domain"
)

const trackColumns = `t.id, t.strategy_id, t.number, t.title, t.description,
	t.created_at, t.updated_at, t.version, t.archived_at`

// CreateTrack inserts t and returns its id.
func (s *Store) CreateTrack(ctx context.Context, t domain.Track) (int64, error) {
	return insertID(ctx, s.db, "create track", `
		INSERT INTO tracks (strategy_id, number, title, description)
		VALUES ($1, $2, $3, $4) RETURNING id`,
		t.StrategyID, t.Number, t.Title, t.Description)
}

// GetTrack returns the track with id.
func (s *Store) GetTrack(ctx context.Context, id int64) (domain.Track, error) {
	return getOne[domain.Track](ctx, s.db, "get track", `SELECT `+trackColumns+` FROM tracks t WHERE t.id = $1`, id)
}

// GetTrackDetail returns the track with its strategy.
func (s *Store) GetTrackDetail(ctx context.Context, id int64) (domain.TrackDetail, error) {
	return getOne[domain.TrackDetail](ctx, s.db, "get track detail", `
		SELECT `+trackColumns+`, s.title AS strategy_title, s.organisation_id
		FROM tracks t JOIN strategies s ON s.id = t.strategy_id WHERE t.id = $1`, id)
}

// ListTracksByStrategy returns the strategy's current tracks by number.
func (s *Store) ListTracksByStrategy(ctx context.Context, strategyID int64) ([]domain.Track, error) {
	return list[domain.Track](ctx, s.db, "list tracks by strategy",
		`SELECT `+trackColumns+` FROM tracks t WHERE t.strategy_id = $1 AND t.archived_at IS NULL ORDER BY t.number`,
		strategyID)
}

// ListTracksByGoal returns the tracks that realise the goal, with their strategies.
func (s *Store) ListTracksByGoal(ctx context.Context, goalID int64) ([]domain.TrackRef, error) {
	return list[domain.TrackRef](ctx, s.db, "list tracks by goal", `
		SELECT t.id, t.number, t.title, t.strategy_id, s.title AS strategy_title
		FROM goal_tracks gt JOIN tracks t ON t.id = gt.track_id JOIN strategies s ON s.id = t.strategy_id
		WHERE gt.goal_id = $1 AND t.archived_at IS NULL ORDER BY s.position, t.number`, goalID)
}
