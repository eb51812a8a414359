"""The composer: drafts written with live coaching from the review engine."""
