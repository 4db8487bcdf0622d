//! The modules a render may wait for: KaTeX (`transform.ToMath`, [`crate::math`]) and the QR
//! code encoder (the `qr` shortcode), which the npm package loads the first time a page needs
//! them, and which the CLI and the library have linked in (cargo features `math` and `qr`).
//! The highlighter is one too, with a cache of its own on top ([`crate::highlight`]).
//!
//! Each is a backend that answers a JSON request with a JSON answer, or with nothing while the
//! package is still loading it: the render then shows what it can without (a formula as its TeX,
//! no QR code yet), says so (`mathPending`, `qrPending`), and the package renders again once
//! the module is there. Answers are remembered on the backend's side, not here: an answer never
//! changes for a request, and the core module's size budget has no room for more caches.

use std::cell::Cell;

/// Request JSON → answer JSON; `None` while the module is not there yet.
pub type Backend = Box<dyn Fn(&str) -> Option<String>>;

/// One module, as the renderer reaches it.
pub struct Module {
    backend: Option<Backend>,
    /// Whether this render met a request the module could not answer yet.
    pending: Cell<bool>,
    /// How many requests met the module not there yet, ever: a template call whose run changed
    /// it has output that is not to be remembered.
    waits: Cell<usize>,
}

impl Module {
    pub fn new(backend: Option<Backend>) -> Module {
        Module {
            backend,
            pending: Cell::new(false),
            waits: Cell::new(0),
        }
    }

    /// Takes the backend out (a rebuilt renderer keeps its bridges).
    pub fn take_backend(&mut self) -> Option<Backend> {
        self.backend.take()
    }

    pub fn set_backend(&mut self, backend: Option<Backend>) {
        self.backend = backend;
    }

    /// Whether there is a module at all (loaded or loading).
    pub fn available(&self) -> bool {
        self.backend.is_some()
    }

    /// A new render.
    pub fn start_render(&self) {
        self.pending.set(false);
    }

    /// Whether a request of this render waits for the module.
    pub fn pending(&self) -> bool {
        self.pending.get()
    }

    /// See [`Module::waits`](Module#structfield.waits).
    pub fn waits(&self) -> usize {
        self.waits.get()
    }

    /// The module's answer to `request`; `None` when there is no module, or it is loading
    /// (then the render is pending).
    pub fn ask(&self, request: &str) -> Option<String> {
        let answer = (self.backend.as_ref()?)(request);
        if answer.is_none() {
            self.pending.set(true);
            self.waits.set(self.waits.get() + 1);
        }
        answer
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    #[test]
    fn a_module_still_loading_makes_the_render_pending_and_is_asked_again() {
        let ready = Rc::new(Cell::new(false));
        let flag = ready.clone();
        let module = Module::new(Some(Box::new(move |request: &str| {
            flag.get().then(|| format!("[{request}]"))
        })));
        module.start_render();
        assert_eq!(module.ask("a"), None);
        assert!(module.pending() && module.available());
        assert_eq!(module.waits(), 1);
        ready.set(true);
        module.start_render();
        assert_eq!(module.ask("a").as_deref(), Some("[a]"));
        assert!(!module.pending());
        assert_eq!(module.waits(), 1);
        let none = Module::new(None);
        assert_eq!(none.ask("a"), None);
        assert!(!none.pending() && !none.available());
    }
}
