// The text of the live map's open tooltip, null when none is shown.
() => {
  /* live map */
  if (!frame) return null;
  const tips = Array.from(frame.querySelectorAll('.leaflet-tooltip-pane .bm-tooltip'));
  const tip = tips.find((t) => t.style.opacity !== '0');
  return tip ? tip.innerText : null;
}
