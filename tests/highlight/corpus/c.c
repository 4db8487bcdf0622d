#include <stdio.h>
#define MAX 10

/* Count words. */
int main(int argc, char **argv) {
    unsigned long count = 0;
    for (int i = 1; i < argc && i < MAX; i++) {
        count += strlen(argv[i]);
    }
    printf("%lu words\n", count);
    return count > 0 ? 0 : 1;
}
