;;; init.el --- my Emacs configuration -*- lexical-binding: t -*-

(require 'package)
(add-to-list 'package-archives '("melpa" . "https://melpa.org/packages/") t)

(defvar my/hugo-root "~/blog" "Where the site lives.")

(defun my/new-post (title)
  "Create a new Hugo post called TITLE."
  (interactive "sTitle: ")
  (let ((slug (downcase (replace-regexp-in-string "[^a-zA-Z0-9]+" "-" title))))
    (unless (file-directory-p my/hugo-root)
      (error "No site at %s" my/hugo-root))
    (find-file (expand-file-name (concat "content/posts/" slug ".md") my/hugo-root))
    (insert (format "---\ntitle: %S\ndraft: true\n---\n" title))))

(use-package markdown-mode
  :ensure t
  :mode ("\\.md\\'" . gfm-mode)
  :config (setq markdown-command "pandoc"))

(global-set-key (kbd "C-c n") #'my/new-post)
(when (and (boundp 'fill-column) (> fill-column 70))
  (setq-default fill-column 80))
