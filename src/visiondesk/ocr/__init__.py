"""Offline OCR: read Chinese and English text from images on this machine, with no server.

``engine`` wraps rapidocr (PP-OCR det/cls/rec models run by onnxruntime; the models ship inside
the rapidocr wheel and nothing is downloaded at run time). ``layout`` turns its boxes into text:
rows found after deskewing, in one of the ``OcrMode`` layouts, plus the links in it. ``tiles``
cuts very tall images into overlapping strips and merges what they held. ``backend`` turns it
into the same event stream the HTTP backends produce, so panes, the command line and history
treat "Local OCR (offline)" like any other provider.

Nothing here imports Qt; heavy imports (rapidocr, onnxruntime, OpenCV) happen only when the
engine first loads, which callers do off the GUI thread.
"""
