interface Options {
  limit?: number;
  readonly style: "monokai" | "github";
}

export class Renderer<T extends Options> {
  private cache = new Map<string, string>();
  constructor(public options: T) {}
  render(source: string): string {
    const key: string = `${this.options.style}:${source}`;
    return this.cache.get(key) ?? "";
  }
}
