import React, { useState } from "react";

type Props = { initial: string };

export const Editor: React.FC<Props> = ({ initial }) => {
  const [text, setText] = useState<string>(initial);
  return <textarea value={text} onChange={(e) => setText(e.target.value)} />;
};
