;;;; A small Common Lisp example
(defpackage :blog
  (:use :cl)
  (:export #:make-post #:post-title))

(in-package :blog)

(defstruct post
  (title "" :type string)
  (tags '() :type list)
  (draft nil))

(defun word-count (text &optional (separator #\Space))
  "Counts the words of TEXT."
  (let ((count 0))
    (loop for c across text
          when (char= c separator) do (incf count))
    (1+ count)))

(defmacro with-post ((var title) &body body)
  `(let ((,var (make-post :title ,title)))
     ,@body))

(format t "~a has ~d words~%" "Hello world" (word-count "Hello world"))
#| block
   comment |#
(mapcar #'string-upcase (list "a" "b" 3.14 1/2 #x1F))
