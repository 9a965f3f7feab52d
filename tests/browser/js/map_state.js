// The live map's box and view, and how many shapes and story markers it draws; null without a live map.
() => {
  /* live map */
  if (!map) return null;
  const rect = frame.getBoundingClientRect();
  const c = map.getCenter();
  const b = map.getBounds();
  return {
    paths: frame.querySelectorAll('.leaflet-map-pane path').length,
    stories: frame.querySelectorAll('.leaflet-marker-pane .bm-story').length,
    width: rect.width, height: rect.height, top: rect.top, left: rect.left,
    center: [c.lat, c.lng], zoom: map.getZoom(),
    bounds: [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()],
  };
}
