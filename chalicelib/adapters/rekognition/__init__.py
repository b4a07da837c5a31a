"""Amazon Rekognition adapters: image moderation."""
