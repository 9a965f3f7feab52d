// The story markers of the last map on the page: the number each shows and the centre of each, on the page.
() => {
  const frames = document.querySelectorAll('.bm-map-box');
  const frame = frames[frames.length - 1];
  return Array.from(frame.querySelectorAll('.leaflet-marker-pane .bm-story')).map((m) => {
    const r = m.getBoundingClientRect();
    return {text: m.textContent.trim(), x: r.left + r.width / 2, y: r.top + r.height / 2};
  });
}
