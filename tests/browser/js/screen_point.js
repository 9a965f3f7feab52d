// Where (lat, lon) is on the page, what is drawn on top there, and whether a mouse can use it: inside the
// visible map, clear of the legend and of story markers.
([lat, lon]) => {
  /* live map */
  if (!map) return null;
  const box = map.getContainer().getBoundingClientRect();
  const size = map.getSize();
  const p = map.latLngToContainerPoint([lat, lon]);
  const x = box.left + p.x, y = box.top + p.y;  // the page's coordinates: the map is in the page itself
  const legend = frame.querySelector('.bm-legend');
  const lb = legend ? legend.getBoundingClientRect() : null;
  const stories = Array.from(frame.querySelectorAll('.leaflet-marker-pane .bm-story')).map((m) => {
    const r = m.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];
  });
  const nearStory = stories.some(([sx, sy]) => Math.hypot(sx - x, sy - y) < 22);
  const inLegend = lb && x > lb.left - 8 && x < lb.right + 8 && y > lb.top - 8 && y < lb.bottom + 8;
  const inside = p.x > 50 && p.y > 80 && p.x < size.x - 60 && p.y < size.y - 50 && y > 0 && y < innerHeight;
  const hit = doc.elementFromPoint(x, y);
  return {
    hit: hit ? `${hit.tagName} ${hit.getAttribute('class') || ''} ${hit.getAttribute('stroke') || ''}` : null,
    x, y,
    usable: inside && !inLegend && !nearStory,
  };
}
