#include <iostream>
#include <vector>

namespace preview {
template <typename T>
class Stack {
 public:
  void push(const T& value) { items_.push_back(value); }
  bool empty() const noexcept { return items_.empty(); }
 private:
  std::vector<T> items_;
};
}  // namespace preview

int main() {
  preview::Stack<int> s;
  s.push(42);
  std::cout << "empty: " << std::boolalpha << s.empty() << std::endl;
  auto lambda = [&](int x) -> int { return x * 2; };
  return lambda(0);
}
