package bench

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sporbar/sporbar/internal/auth"
)

// apiRate is the read API's rate: a BI refresh is a burst of pages of 1000 rows, rarer than a
// page view and heavier.
const apiRate = 20

// apiLimitEnv lifts the API's rate limit per token above what the benchmark offers, so that the
// measurement is of the work, not of the limiter's 429s.
const apiLimitEnv = "API_RATE_LIMIT=1000000"

// apiToken makes an API token of the organisation orgID in the database at databaseURL for the
// read API scenario (the server has migrated the database by then) and returns its secret and a
// function that removes the token again.
func apiToken(ctx context.Context, databaseURL string, orgID int64) (string, func(), error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, databaseURL)
	if err != nil {
		return "", nil, fmt.Errorf("api token: %w", err)
	}
	defer conn.Close(ctx)
	secret, hash := auth.NewSecret(auth.APITokenPrefix)
	var id int64
	if err := conn.QueryRow(ctx, `INSERT INTO api_tokens (organisation_id, name, token_hash) VALUES ($1, 'Benchmark', $2)
		RETURNING id`, orgID, hash).Scan(&id); err != nil {
		return "", nil, fmt.Errorf("api token: %w", err)
	}
	remove := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if conn, err := pgx.Connect(ctx, databaseURL); err == nil {
			_, _ = conn.Exec(ctx, `DELETE FROM api_tokens WHERE id = $1`, id)
			conn.Close(ctx)
		}
	}
	return secret, remove, nil
}
