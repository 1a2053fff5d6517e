// Material's search worker, started at a reader's first search instead of on every page they open. Material hands
// its worker the whole search index as each page loads, and the worker builds a lunr index of it at once: a phone
// did that on every page, for a search nobody made (a quarter of a page load's work on a small handbook, more on a
// large one). This worker tells the page the index is ready, answers the empty query the page asks on load as
// Material's worker does (no results), and loads Material's worker (named by ?material=) at the first real query.
// In a browser this runs as a worker; opened from disk, iframe-worker runs it as a script in a hidden frame. It
// sits beside Material's worker, which finds its language files relative to the script the browser started.
const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

const here = self.document ? document.currentScript.src : location.href;
const material = new URL(new URL(here).searchParams.get("material"), here).href;
const reply = self.postMessage.bind(self);
let setup;
let waiting = []; // what the page asked before Material's worker had built its index; null once it has
let loading = false;
let handing = false; // a message being handed on to Material's worker, not one from the page

function handOn(message) {
  handing = true;
  try {
    self.dispatchEvent(new MessageEvent("message", { data: message }));
  } finally {
    handing = false;
  }
}

async function startMaterial() {
  loading = true;
  // Material's worker says READY when its index is built: the page heard that at setup, so it hears the answers
  self.postMessage = (message) => {
    if (message.type !== READY) return reply(message);
    self.postMessage = reply;
    const asked = waiting;
    waiting = null;
    for (const asking of asked) handOn(asking);
  };
  await importScripts(material); // iframe-worker's importScripts loads the script before its promise resolves
  handOn(setup);
}

self.addEventListener("message", ({ data: message }) => {
  if (handing || waiting === null) return; // Material's worker answers it
  if (message.type === SETUP) {
    setup = message;
    reply({ type: READY });
  } else if (message.type === QUERY && message.data === "" && !loading) {
    reply({ type: RESULT, data: { items: [] } });
  } else {
    waiting.push(message);
    if (!loading) startMaterial();
  }
});
