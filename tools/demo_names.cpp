#include "tools/demo_names.h"

#include <array>

namespace kedja::tools {
namespace {

using Names = std::string_view;

constexpr Names arabic_f[] = {"Fatima", "Aisha", "Mariam", "Noor", "Huda", "Rana", "Layla", "Zainab", "Amal", "Salma", "Yasmin", "Hiba"};
constexpr Names arabic_m[] = {"Mohammed", "Ahmad", "Ali", "Omar", "Khaled", "Hassan", "Youssef", "Ibrahim", "Mustafa", "Samir", "Tariq", "Karim"};
constexpr Names arabic_family[] = {"Al-Hassan", "Haddad", "Khalil", "Mansour", "Saleh", "Darwish", "Nasser", "Aziz", "Hamdan", "Jaber", "Sabbagh", "Qassem"};

constexpr Names dari_f[] = {"Zahra", "Parwana", "Mina", "Nilofar", "Shabnam", "Fereshta", "Mariam", "Roya", "Setara", "Lida"};
constexpr Names dari_m[] = {"Ahmad", "Mohammad", "Ali", "Reza", "Hamid", "Mustafa", "Jawad", "Farid", "Nasir", "Sayed"};
constexpr Names dari_family[] = {"Ahmadi", "Hosseini", "Rahimi", "Karimi", "Sultani", "Jafari", "Haidari", "Mohammadi", "Noori", "Azimi"};

constexpr Names tigrinya_f[] = {"Senait", "Helen", "Yohana", "Selam", "Mebrat", "Saba", "Feven", "Luwam", "Ruta", "Elsa"};
constexpr Names tigrinya_m[] = {"Yonas", "Tesfay", "Dawit", "Samuel", "Merhawi", "Filmon", "Habte", "Kidane", "Robel", "Aman"};
constexpr Names tigrinya_family[] = {"Tesfamariam", "Gebremedhin", "Haile", "Kidane", "Tekle", "Berhane", "Ghebreyesus", "Woldu", "Asmerom", "Mehari"};

constexpr Names somali_f[] = {"Hodan", "Amina", "Fadumo", "Sahra", "Hibo", "Ifrah", "Deeqa", "Nasra", "Khadra", "Ayan"};
constexpr Names somali_m[] = {"Abdi", "Mohamed", "Ahmed", "Abdirahman", "Hassan", "Farah", "Yusuf", "Omar", "Ismail", "Liban"};
constexpr Names somali_family[] = {"Ali", "Hussein", "Warsame", "Farah", "Abdullahi", "Jama", "Osman", "Nur", "Hirsi", "Aden"};

constexpr Names ukrainian_f[] = {"Olena", "Iryna", "Natalia", "Oksana", "Tetiana", "Yulia", "Kateryna", "Sofiia", "Anastasiia", "Viktoriia"};
constexpr Names ukrainian_m[] = {"Oleksandr", "Andrii", "Serhii", "Dmytro", "Volodymyr", "Mykola", "Ivan", "Maksym", "Yurii", "Bohdan"};
constexpr Names ukrainian_family[] = {"Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boiko", "Marchenko", "Lysenko", "Savchenko"};

constexpr Names persian_f[] = {"Shirin", "Maryam", "Neda", "Sara", "Leila", "Parisa", "Azadeh", "Mahsa", "Niloufar", "Samira"};
constexpr Names persian_m[] = {"Amir", "Reza", "Mehdi", "Hossein", "Ali", "Babak", "Kian", "Arash", "Navid", "Saeed"};
constexpr Names persian_family[] = {"Tehrani", "Moradi", "Rezaei", "Hosseini", "Karimi", "Ghorbani", "Sadeghi", "Rostami", "Bahrami", "Kazemi"};

constexpr Names kurdish_f[] = {"Rojda", "Berfin", "Dilan", "Zilan", "Nazdar", "Hêvî", "Avesta", "Ronahî", "Şîrîn", "Jiyan"};
constexpr Names kurdish_m[] = {"Rebwar", "Azad", "Dilshad", "Karwan", "Sherzad", "Hozan", "Baran", "Serhad", "Çiya", "Diyar"};
constexpr Names kurdish_family[] = {"Barzani", "Ahmed", "Mahmoud", "Rashid", "Zebari", "Hawrami", "Doski", "Amedi", "Kurdi", "Tahir"};

constexpr Names pashto_f[] = {"Malalai", "Palwasha", "Zarghuna", "Gul", "Nazia", "Shazia", "Laila", "Wagma", "Spozhmai", "Bibi"};
constexpr Names pashto_m[] = {"Gul", "Khan", "Abdullah", "Zabihullah", "Rahmatullah", "Ismail", "Wali", "Shah", "Naqib", "Hamidullah"};
constexpr Names pashto_family[] = {"Khan", "Yousafzai", "Durrani", "Popalzai", "Safi", "Wardak", "Mohmand", "Shinwari", "Zadran", "Afridi"};

constexpr std::array<LanguageGroup, 8> groups{{
    {"arabiska", 30, arabic_f, arabic_m, arabic_family},
    {"dari", 14, dari_f, dari_m, dari_family},
    {"tigrinja", 14, tigrinya_f, tigrinya_m, tigrinya_family},
    {"somaliska", 11, somali_f, somali_m, somali_family},
    {"ukrainska", 12, ukrainian_f, ukrainian_m, ukrainian_family},
    {"persiska", 8, persian_f, persian_m, persian_family},
    {"kurdiska", 6, kurdish_f, kurdish_m, kurdish_family},
    {"pashto", 5, pashto_f, pashto_m, pashto_family},
}};

}  // namespace

std::span<const LanguageGroup> language_groups() { return groups; }

}  // namespace kedja::tools
