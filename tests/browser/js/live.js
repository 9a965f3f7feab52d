  // The live map: the map widget's Leaflet map, in a box that is still in the page (a new view replaces both).
  const live = window.bmMap && window.bmMap._loaded && window.bmMap.getContainer().isConnected ? window.bmMap : null;
  const frame = live ? live.getContainer().closest('.bm-map-box') : null;
  const map = frame ? live : null;
  const doc = document;
  const win = window;
