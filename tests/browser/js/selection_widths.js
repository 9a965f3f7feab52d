// Stroke widths of the live map's non-interactive paths: the selection outline is drawn by those.
Array.from(document.querySelectorAll('.leaflet-map-pane path:not(.leaflet-interactive)'))
  .map((p) => parseFloat(p.getAttribute('stroke-width') || '0'))
