module Main where

import qualified Data.Map as Map

-- | Count words.
wordCount :: String -> Int
wordCount = length . words

main :: IO ()
main = do
  let m = Map.fromList [(1, "one"), (2, "two")]
  print (wordCount "a b c", Map.size m)
