// The names placed on a map (map_labels.js) as the page shows them: each one's text and box, the map's frame, the
// boxes of what covers the map (legend, controls, locator), the computed font of the first name, and whether the
// served Sarabun is loaded. `selector`: the map's container (the live map's when null).
async (selector) => {
  /* live map */
  const container = selector ? document.querySelector(selector) : map && map.getContainer();
  if (!container || !container.getAttribute('data-bm-labels')) return null;
  await document.fonts.ready;
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const names = Array.from(container.querySelectorAll('.bm-label'))
    .filter((el) => getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility === 'visible')
    .map((el) => ({text: el.textContent, box: box(el), font: getComputedStyle(el).fontFamily,
      size: parseFloat(getComputedStyle(el).fontSize), shadow: getComputedStyle(el).textShadow}));
  const scope = container.parentNode;
  const covers = Array.from(scope.querySelectorAll('.bm-legend, .leaflet-control'))
    .map((el) => ({what: el.className, box: box(el)})).filter((c) => c.box[2] > c.box[0] && c.box[3] > c.box[1]);
  const sarabun = Array.from(document.fonts).some((f) => /Sarabun/.test(f.family) && f.status === 'loaded');
  return {names, frame: box(container), covers, sarabun, counts: container.getAttribute('data-bm-labels'),
    locator: !!container.querySelector('.bm-locator svg rect')};
}
