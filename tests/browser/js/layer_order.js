// The clickable base shapes' kinds in stacking order (bottom first, across panes), as runs of one kind.
() => {
  /* live map */
  if (!map) return null;
  const rank = {province: 0, district: 1, link: 2};
  const found = [];
  map.eachLayer((layer) => {
    const kind = layer._path && layer.feature && layer.feature.properties && layer.feature.properties.kind;
    if (kind in rank && layer.options.interactive !== false) {
      const pane = parseInt(getComputedStyle(map.getPane(layer.options.pane)).zIndex, 10) || 0;
      found.push([pane, Array.prototype.indexOf.call(layer._path.parentNode.childNodes, layer._path), kind]);
    }
  });
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const runs = [];
  for (const [, , kind] of found) {
    if (runs.length && runs[runs.length - 1][0] === kind) runs[runs.length - 1][1] += 1;
    else runs.push([kind, 1]);
  }
  return runs;
}
