// Open the tooltip of the district with this feature id on the live map; returns its text (null: not found).
(featureId) => {
  let opened = null;
  window.bmMap.eachLayer((layer) => {
    const p = layer.feature && layer.feature.properties;
    if (!opened && p && p.kind === 'district' && p.feature_id === featureId && layer.getTooltip()) {
      layer.openTooltip(layer.getBounds().getCenter());
      opened = layer.getTooltip().getElement().innerText;
    }
  });
  return opened;
}
