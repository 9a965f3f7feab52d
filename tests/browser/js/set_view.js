// Move the live map as a user zooming in would (Leaflet's own setView, no animation); false without a map.
([lat, lon, zoom]) => {
  /* live map */
  if (!map) return false;
  map.setView([lat, lon], zoom, {animate: false});
  return true;
}
