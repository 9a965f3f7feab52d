// True once the live map has a tile layer and none of its tiles is still loading (Leaflet counts a refused tile
// as done): after that no tile is asked for until the map moves.
() => {
  /* live map */
  if (!map) return false;
  const tiles = [];
  map.eachLayer((layer) => { if (layer instanceof L.TileLayer) tiles.push(layer); });
  return tiles.length > 0 && tiles.every((layer) => !layer.isLoading());
}
