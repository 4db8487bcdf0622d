require "json"

# A page of the site.
class Page
  attr_reader :title, :words

  def initialize(title, words: 0)
    @title = title
    @words = words
  end

  def to_s
    "#{title} (#{words} words)"
  end
end

pages = [Page.new("One", words: 3), Page.new("Two")]
pages.each { |p| puts p }
puts JSON.generate({ count: pages.size, ok: true, sym: :done })
