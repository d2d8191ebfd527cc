"""Files shipped with VisionDesk: translations, sample images. Read via visiondesk.gui.resources."""
