defmodule Site.Page do
  @moduledoc "A page."
  defstruct title: "", words: 0

  def count(%__MODULE__{words: w}) when w > 0, do: {:ok, w}
  def count(_), do: {:error, :empty}

  def titles(pages) do
    pages
    |> Enum.map(& &1.title)
    |> Enum.join(", ")
  end
end
