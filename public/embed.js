// Partner Benefits Workspace in a host page (R-STATE-4, docs/EMBEDDING.md): two lines of HTML.
//
//   <script type="module" src="/benefits-app/embed.js"></script>
//   <partner-benefits base="/intranet/benefits" namespace="contoso"></partner-benefits>
//
// Every attribute is optional: `base` (default `/`) is the path under which the app's
// addresses live — the host serves its page for every path under it; `namespace` (default
// `partner-benefits`) starts every storage key; `api` is the benefits-api server of shared
// mode (none: local mode). The element draws the app inside its shadow root, with the app's
// styles inside that root: the host's CSS does not reach the app, and the app's CSS changes
// nothing of the host page (nothing is added to its <head>). The app's files are loaded
// relative to this script's own address, so dist/ may be served under any path.
//
// scripts/build-app.sh writes the build's file names below (APP_DIR, STYLES).

const APP_DIR = "app-dev/"; // written by scripts/build-app.sh
const STYLES = "styles-dev.css"; // written by scripts/build-app.sh

const HERE = new URL("./", import.meta.url);
const APP = new URL(APP_DIR, HERE);

// Before the app's own styles, which then set its font, colours and layout on .app-root:
// the element is a block the host may size and place; inside it, nothing the host sets on
// the element is inherited (all: initial on the app's root); embedded, the app is as tall
// as its content, not the whole window.
const HOST_STYLES = ":host{display:block}.app-root{all:initial}:host .app-body{min-height:480px}";

let app; // the WebAssembly, started once per page
function start() {
  app ??= (async () => {
    const [glue, loader] = await Promise.all([
      import(new URL("benefits_app.js", APP).href),
      import(new URL("__wasm_split.js", APP).href),
    ]);
    await glue.default({ module_or_path: new URL("benefits_app_bg.wasm", APP) });
    // The other pages' modules, when the browser is idle: they then open offline too.
    (window.requestIdleCallback ?? ((then) => setTimeout(then, 2000)))(() => loader.prefetchPages());
    return glue;
  })();
  return app;
}

let styles;
function stylesText() {
  styles ??= fetch(new URL(STYLES, HERE)).then((response) => {
    if (!response.ok) throw new Error(`${STYLES}: ${response.status}`);
    return response.text();
  });
  return styles;
}

class PartnerBenefits extends HTMLElement {
  async connectedCallback() {
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    try {
      const [css, glue] = await Promise.all([stylesText(), start()]);
      if (!this.isConnected || this.glue) return;
      const style = document.createElement("style");
      style.textContent = HOST_STYLES + css;
      const root = document.createElement("div");
      shadow.replaceChildren(style, root);
      glue.mount(root, {
        base: this.getAttribute("base") ?? "",
        namespace: this.getAttribute("namespace") ?? "",
        api: this.getAttribute("api") ?? "",
        files: HERE.href,
        embedded: true,
      });
      this.glue = glue;
    } catch (error) {
      // A wrong attribute, a second app on the page, files that cannot be fetched: said in
      // the element, in both languages, and in the console for the host page's developer.
      console.error("<partner-benefits>:", error);
      const text = String(error?.message ?? error);
      const box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.style.cssText = "all:initial;display:block;font:14px/1.45 system-ui,sans-serif;color:#8a3707;background:#fff9f5;border:1px solid #bc4b09;border-left-width:4px;border-radius:4px;padding:12px 16px";
      const line = (lang, words) => {
        const p = document.createElement("p");
        p.lang = lang;
        p.style.margin = "0 0 6px";
        p.textContent = words;
        return p;
      };
      box.append(
        line("en", `The Partner Benefits Workspace could not start: ${text}.`),
        line("fr", `L'Espace des avantages partenaire n'a pas pu démarrer : ${text}.`),
      );
      shadow.replaceChildren(box);
    }
  }

  // Removed from the page: the app goes with its listeners; put back, it is drawn again.
  disconnectedCallback() {
    if (this.glue) {
      this.glue.unmount();
      this.glue = null;
    }
  }
}

if (!customElements.get("partner-benefits")) customElements.define("partner-benefits", PartnerBenefits);
