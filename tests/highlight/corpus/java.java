package org.example;

import java.util.List;

/** A page. */
public class Page implements Comparable<Page> {
    private final String title;
    private static final int MAX = 100;

    public Page(String title) {
        this.title = title;
    }

    @Override
    public int compareTo(Page other) {
        return title.compareTo(other.title);
    }

    public static void main(String[] args) {
        List<Page> pages = List.of(new Page("b"), new Page("a"));
        System.out.println(pages.size() + " pages, max " + MAX + 'c' + 1.5f);
    }
}
