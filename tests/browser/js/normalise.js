// The province box's normalise (web/components/normalise.js), as the page loaded it, on each of `names`.
async (names) => {
  const module = await import("/_stcore/bidi-components/border_map.province_box/normalise.js");
  return names.map(module.normalise);
}
