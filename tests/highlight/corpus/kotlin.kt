package example

data class Page(val title: String, val words: Int = 0)

fun main() {
    val pages = listOf(Page("One", 10), Page("Two"))
    for (page in pages) {
        println("${page.title} has ${page.words} words")
    }
    val total = pages.sumOf { it.words }
    when {
        total > 5 -> println("long")
        else -> println("short")
    }
}
