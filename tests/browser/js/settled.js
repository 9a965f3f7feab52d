// Resolves once the page is ready to be photographed: its fonts loaded, no finite CSS animation or transition
// running, and the layout and the live map (when there is one: at least `minPaths` shapes) unchanged for
// `frames` animation frames in a row. Resolves false after `timeoutMs`.
async ({minPaths, frames, timeoutMs}) => {
  await document.fonts.ready;
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const running = () => document.getAnimations().filter((a) => {
    const timing = a.effect && a.effect.getComputedTiming();
    return a.playState === 'running' && timing && timing.iterations !== Infinity;
  }).length;
  const snapshot = () => {
    /* live map */
    const main = document.querySelector('[data-testid="stMain"]');
    const r = main ? main.getBoundingClientRect() : {width: 0, height: 0};
    const c = map ? map.getCenter() : null;
    return {
      ready: running() === 0 && (!minPaths || (map && frame.querySelectorAll('.leaflet-map-pane path').length >= minPaths)),
      key: JSON.stringify([
        r.width, r.height, document.documentElement.scrollWidth, document.documentElement.scrollHeight,
        c && [c.lat, c.lng, map.getZoom(), map.getSize().x, map.getSize().y],
        frame && Object.values(frame.getBoundingClientRect().toJSON()),
        map && frame.querySelectorAll('.leaflet-map-pane path').length,
        map && Array.from(frame.querySelectorAll('.leaflet-marker-pane .bm-story')).map((m) => m.style.transform),
      ]),
    };
  };
  const deadline = performance.now() + timeoutMs;
  let last = null, still = 0;
  while (performance.now() < deadline) {
    await nextFrame();
    const now = snapshot();
    still = now.ready && now.key === last ? still + 1 : 0;
    last = now.key;
    if (still >= frames) return true;
  }
  return false;
}
