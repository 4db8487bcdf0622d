import React from "react";

export function Preview({ html, title }) {
  return (
    <section className="preview">
      <h1>{title}</h1>
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}
