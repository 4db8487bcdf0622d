-- Count words
local function count(text)
  local n = 0
  for _ in string.gmatch(text, "%S+") do
    n = n + 1
  end
  return n
end

local t = { name = "page", words = count("a b c") }
print(t.name, t.words, #t, nil, true)
