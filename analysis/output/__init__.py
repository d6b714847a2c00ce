"""What a reader gets: briefing figures, tidy tables, text views and the main job's report."""
