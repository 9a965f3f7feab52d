// The text of every tooltip bound on the live map (districts, links, provinces, story markers), as a reader
// hovering each would read it.
() => {
  const texts = [];
  const box = document.createElement('div');
  window.bmMap.eachLayer((layer) => {
    const tip = layer.getTooltip && layer.getTooltip();
    if (!tip) return;
    const content = tip.getContent();
    if (typeof content === 'string') {
      box.innerHTML = content;
      texts.push(box.innerText || box.textContent);
    } else if (content && content.innerText !== undefined) {
      texts.push(content.innerText);
    }
  });
  return texts;
}
