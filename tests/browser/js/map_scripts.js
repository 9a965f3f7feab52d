// Every script and stylesheet address the page holds.
Array.from(document.querySelectorAll('script[src], link[href]')).map((e) => e.src || e.href)
