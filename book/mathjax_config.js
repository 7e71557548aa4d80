// MathJax 3 for the book's pages (loaded before MathJax itself). The widget manager calls
// MathJax 2's MathJax.Hub.Queue to typeset widget labels; with MathJax 3 that object does
// not exist and the call throws, so a small stand-in forwards it to MathJax 3, both before
// MathJax has loaded (on this config object) and after (set again once MathJax is ready).
window.MathJax = {
  tex: { tags: "ams", inlineMath: [["\\(", "\\)"]], displayMath: [["\\[", "\\]"]] },
  options: { processHtmlClass: "tex2jax_process|mathjax_process|math|output_area" },
  startup: {
    ready() {
      MathJax.startup.defaultReady();
      MathJax.Hub = hub;
    },
  },
};
var hub = {
  Queue(command) {
    const element = command && command[2];
    if (window.MathJax && window.MathJax.typesetPromise) {
      window.MathJax.typesetPromise(element ? [element] : undefined);
    }
  },
};
window.MathJax.Hub = hub;
