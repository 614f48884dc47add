;;; leash-eglot.el --- leash's diagnostics in Emacs  -*- lexical-binding: t -*-
;;
;; Eglot (Emacs 29's built-in client) runs one server per buffer, so leash
;; goes beside clangd in one of two ways:
;;
;; 1. Eglot with leash alone for C++ buffers (clangd's features off): leash's
;;    findings appear through Flymake, and its fix-its with
;;    `eglot-code-actions'.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((c++-mode c++-ts-mode c-mode c-ts-mode) . ("leash" "lsp"))))
;;
;; 2. lsp-mode, which runs add-on servers beside the main one: clangd and
;;    leash together in every C and C++ buffer.
(with-eval-after-load 'lsp-mode
  (lsp-register-client
   (make-lsp-client
    :new-connection (lsp-stdio-connection '("leash" "lsp"))
    :activation-fn (lsp-activate-on "c" "cpp")
    :add-on? t
    :server-id 'leash)))
;;; leash-eglot.el ends here
