"""Helper programme: eligibility, application and review, quality, recognition, leaderboard."""
